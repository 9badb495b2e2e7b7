import type { VendorDescriptor } from '..';
import { CtiError } from '../../model';

export const xivo: VendorDescriptor = {
  id: 'xivo',
  label: 'XiVO',
  signInFields: [],
  connectionFields: [{ key: 'server', label: 'Server' }],
  create() {
    throw new CtiError('config', 'XiVO adapter not built yet');
  },
};
