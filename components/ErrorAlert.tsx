/** A failure shown right next to the control that caused it; screen readers announce it. */
export function ErrorAlert({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p class="sb-error" role="alert" id={id}>
      {message}
    </p>
  );
}
