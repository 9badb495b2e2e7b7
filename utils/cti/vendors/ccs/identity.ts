/** Who the signed-in agent is on CCS (auth.ts finds it at sign-in). */
export interface Identity {
  /** The extension uuid the REST paths name. */
  uuid: string;
  /** The extension number calls and events name. */
  number: string;
}
