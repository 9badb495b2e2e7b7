/**
 * Sign-in fields several vendors ask for, worded once: the panel shows the first non-secret
 * field as who is signed in (utils/background/sign-in.ts), so a login comes before a password.
 */
import type { SignInField } from '../../adapter';

export const USERNAME_FIELD: SignInField = {
  key: 'username',
  label: 'Username',
  type: 'text',
  required: true,
  autocomplete: 'username',
};

export const PASSWORD_FIELD: SignInField = {
  key: 'password',
  label: 'Password',
  type: 'password',
  required: true,
  autocomplete: 'current-password',
};
