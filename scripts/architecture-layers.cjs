/**
 * The layers of docs/architecture.md, bottom to top: a layer is one or more folders (or files)
 * under the project root; `utils/cti/core` stands for utils/cti/ without its vendors folder.
 * `.dependency-cruiser.cjs` enforces them; tests/unit/architecture.test.ts holds the document's
 * table and every file under utils/ to them.
 */
const LAYERS = [
  ['utils/i18n/'],
  ['utils/lib/'],
  ['utils/phone/'],
  ['utils/cti/core'],
  ['utils/cti/vendors/'],
  ['utils/settings/'],
  ['utils/screenpop/', 'utils/history/'],
  ['utils/storage/'],
  ['utils/messaging.ts'],
  ['utils/message-checks.ts'],
  ['utils/background/', 'utils/click-to-dial/', 'utils/page-events/', 'utils/ui/'],
  ['components/'],
  ['entrypoints/'],
];

module.exports = { LAYERS };
