import { useState } from 'preact/hooks';

/** The recovery codes, shown once: copy them, store them, then go on. */
export function RecoveryCodes(props: { codes: string[]; onContinue: () => void }) {
  const [copied, setCopied] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.codes.join('\n'));
      setCopied('Copied. Paste them into your password manager now.');
    } catch {
      setCopied('Your browser did not let us copy them: select the codes and copy them yourself.');
    }
  }

  return (
    <>
      <div class="notice warning-box">
        <h2>Store these codes safely now</h2>
        <p>
          <strong>We show them only this once.</strong> If you lose your phone, each code lets you sign in once instead of a code
          from your app. Keep them in a password manager or somewhere only you can reach, not on the phone itself.
        </p>
      </div>
      <div class="panel">
        <ol class="codes" aria-label="Your recovery codes">
          {props.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <div class="actions">
          <button type="button" class="ghost" onClick={copy}>
            Copy the codes
          </button>
          <button type="button" onClick={props.onContinue}>
            I have saved them — continue
          </button>
        </div>
        <p role="status" class={copied ? 'status' : 'status-empty'}>
          {copied}
        </p>
      </div>
    </>
  );
}
