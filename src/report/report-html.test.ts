import { expect, test } from '@playwright/test';
import { withoutAnalytics } from './report-html';

const page = `<body>
    <div id="app"></div>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('config', 'G-LNDJ3J7WT0', { "report": "awesome" });
    </script>
    <script defer>Promise.allSettled([d("widgets/statistic.json","eyJ0b3RhbCI6MTJ9")])</script>
</body>`;

test('the analytics loader and its config go; the report data and app stay', () => {
  const out = withoutAnalytics(page);
  expect(out).not.toContain('googletagmanager');
  expect(out).not.toContain('gtag(');
  expect(out).toContain('<div id="app"></div>');
  expect(out).toContain('d("widgets/statistic.json","eyJ0b3RhbCI6MTJ9")');
});

test('a page without analytics is left as it is', () => {
  expect(withoutAnalytics('<html><body>x</body></html>')).toBe('<html><body>x</body></html>');
});
