import type { ComponentChildren } from 'preact';

/** The frame of every email: plain, readable in any client, no remote images. */
export function EmailLayout(props: { brand: string; children: ComponentChildren; footer: string }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <title>{props.brand}</title>
      </head>
      <body style="font-family: Arial, sans-serif; color: #1f2933; line-height: 1.5; max-width: 560px; margin: 0 auto; padding: 16px;">
        <p style="font-weight: bold; font-size: 18px;">{props.brand} privacy centre</p>
        {props.children}
        <hr style="border: 0; border-top: 1px solid #ccd3db; margin: 24px 0;" />
        <p style="font-size: 13px; color: #52606d;">{props.footer}</p>
      </body>
    </html>
  );
}
