/**
 * The import directions of docs/architecture.md, checked by `npm run lint`. Each layer may import
 * from the layers listed before it and from its own folder, never from a later layer nor from
 * another folder of its own layer. Tests are not checked: they may reach into anything.
 */

const { LAYERS } = require('./scripts/architecture-layers.cjs');

// The vendor-neutral core is utils/cti/ without its vendors folder.
const pathOf = (part) =>
  part === 'utils/cti/core' ? '^utils/cti/[^/]+$' : `^${part.replace(/[.]/g, '\\.')}`;
const anyOf = (parts) => parts.map(pathOf).join('|');

const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1).flat();
  const rules = [];
  if (above.length > 0) {
    rules.push({
      name: `layer-${layer.join('+')}`,
      comment: `${layer.join(', ')} may not import from a layer above it (docs/architecture.md)`,
      severity: 'error',
      from: { path: anyOf(layer) },
      to: { path: anyOf(above) },
    });
  }
  // Folders side by side in one layer do not know each other.
  for (const part of layer) {
    const siblings = layer.filter((other) => other !== part);
    if (siblings.length === 0) continue;
    rules.push({
      name: `sibling-${part}`,
      comment: `${part} may not import from ${siblings.join(', ')} (same layer)`,
      severity: 'error',
      from: { path: pathOf(part) },
      to: { path: anyOf(siblings) },
    });
  }
  return rules;
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'vendor-folders-are-private',
      comment:
        'Outside utils/cti/vendors/, only the registry (utils/cti/vendors/index.ts) names the vendors',
      severity: 'error',
      from: { pathNot: '^utils/cti/vendors/' },
      to: { path: '^utils/cti/vendors/(?!shared/)[^/]+/' },
    },
    {
      name: 'vendors-share-only-shared',
      comment: 'A vendor folder imports no other vendor folder; common code sits in shared/',
      severity: 'error',
      from: { path: '^utils/cti/vendors/([^/]+)/' },
      to: { path: '^utils/cti/vendors/[^/]+/', pathNot: '^utils/cti/vendors/($1|shared)/' },
    },
    {
      name: 'relay-protocol-only',
      comment: 'The extension shares only the wire protocol with the relay server',
      severity: 'error',
      from: { path: '^(utils|components|entrypoints)/' },
      to: { path: '^relay/', pathNot: '^relay/protocol\\.ts$' },
    },
    {
      name: 'relay-is-a-server',
      comment: 'The relay server does not import the extension',
      severity: 'error',
      from: { path: '^relay/' },
      to: { path: '^(utils|components|entrypoints)/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      comment: 'Test helpers live under tests/ and only tests import them',
      severity: 'error',
      from: { path: '^(utils|components|entrypoints|relay)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^tests/|\\.test\\.tsx?$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { pathNot: '\\.test\\.tsx?$' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$|^\\.wxt/|^\\.output/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
