import type { ExportView } from '@core/api/assessment.contract';

/**
 * The gateway answers the link with Content-Disposition: attachment and the Chinese file name, so the
 * browser saves it rather than opening it in the app's origin; `download` names it for browsers that
 * prefer the attribute.
 */
export async function deliverExport(view: ExportView): Promise<void> {
  const a = document.createElement('a');
  a.href = view.url;
  a.download = view.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
