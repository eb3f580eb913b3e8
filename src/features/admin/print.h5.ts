/** The browser prints the page; the poster page's print CSS hides everything but the poster. */
export const canPrint = true;

export function printPage(): void {
  window.print();
}
