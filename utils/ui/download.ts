/** Files the panel hands to the browser's downloads (the History tab's CSV export). */

/** How long the file's address stays valid: the download has its own copy once it started. */
const RELEASE_AFTER_MS = 60_000;

/** Downloads `text` as a file named `name`, through a link the page clicks for the agent. */
export function saveTextFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), RELEASE_AFTER_MS);
}
