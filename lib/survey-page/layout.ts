import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { SurveyLocale } from '../domain/survey';

/**
 * The page shell shared by every survey page: phone-first, no script, no
 * external asset (no web fonts: WeChat's in-app browser and slow networks),
 * one inline stylesheet allowed by its hash in a CSP that allows nothing else.
 */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Colours meet WCAG AA: body text 16:1, hints 8.9:1, errors 6.9:1, the primary blue 6.2:1 on white.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f4f5f7;color:#1f1f1f;font:17px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:640px;margin:0 auto;padding:16px 14px 40px;background:#fff;min-height:100vh}
.top{display:flex;justify-content:space-between;align-items:center;gap:12px;margin-bottom:8px}
.company{margin:0;font-weight:600;color:#3c4043}
a{color:#0b57d0}
.lang{display:inline-block;padding:10px 12px;min-height:44px;line-height:24px;text-decoration:underline}
h1{font-size:1.5rem;line-height:1.3;margin:8px 0 12px}
p{margin:0 0 12px}
fieldset{border:0;margin:0 0 28px;padding:0;min-width:0}
legend,.question{display:block;font-weight:600;font-size:1.05rem;margin:0 0 6px;padding:0}
.hint{color:#4a4a4a;font-size:.95rem}
.optional{font-weight:400;color:#4a4a4a}
.scale{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0}
.scale label{position:relative;flex:1 1 0;min-width:36px}
.scale-wide label{flex:0 0 calc((100% - 30px) / 6)}
.scale input{position:absolute;top:0;left:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.scale span{display:flex;align-items:center;justify-content:center;min-height:48px;border:2px solid #5f6368;border-radius:8px;font-weight:600;background:#fff;color:#1f1f1f}
.scale input:checked+span{background:#0b57d0;border-color:#0b57d0;color:#fff}
.scale input:focus+span{outline:3px solid #1f1f1f;outline-offset:2px}
.scale input:focus:not(:focus-visible)+span{outline:0}
.scale input:focus-visible+span{outline:3px solid #1f1f1f;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:8px;color:#4a4a4a;font-size:.9rem;margin-top:6px}
.choice{display:flex;align-items:center;gap:12px;min-height:48px;padding:8px 12px;border:2px solid #5f6368;border-radius:8px;margin-bottom:8px}
.choice input{width:22px;height:22px;margin:0;flex:none}
.field{margin:0 0 28px}
textarea{display:block;width:100%;min-height:120px;padding:12px;border:2px solid #5f6368;border-radius:8px;font:inherit;color:inherit;background:#fff}
textarea:focus,.choice input:focus,button:focus,a:focus{outline:3px solid #1f1f1f;outline-offset:2px}
button{font:inherit;cursor:pointer}
.submit{display:block;width:100%;min-height:52px;border:0;border-radius:8px;background:#0b57d0;color:#fff;font-weight:600;font-size:1.1rem}
.error{color:#b00020;font-weight:600}
.errors{border:3px solid #b00020;border-radius:8px;padding:12px 16px;margin:0 0 20px}
.errors ul{margin:0;padding-left:20px}
.optout{margin-top:40px;padding-top:16px;border-top:1px solid #dadce0;color:#4a4a4a;font-size:.95rem}
.linkish{background:none;border:0;padding:10px 0;min-height:44px;color:#0b57d0;text-decoration:underline;font-size:inherit}
.center{text-align:center;padding-top:24px}
`.trim();

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

export const securityHeaders: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  // The token is in the URL: no Referer may carry it anywhere.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex, nofollow',
  'cross-origin-opener-policy': 'same-origin',
};

export function page(locale: SurveyLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex,nofollow">
<meta name="format-detection" content="telephone=no">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function htmlResponse(
  statusCode: number,
  html: string,
  extraHeaders: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...securityHeaders, ...extraHeaders }, body: html };
}
