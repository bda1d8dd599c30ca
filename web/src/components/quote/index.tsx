/** Words someone wrote (our question, a message in the history), quoted as they were written. */
export const Quote = (props: { text: string }) => (
  <blockquote class="quote">
    <p>{props.text}</p>
  </blockquote>
);
