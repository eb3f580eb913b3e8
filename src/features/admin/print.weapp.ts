/** A phone cannot print: the poster is printed from the browser (H5) instead. */
export const canPrint = false;

export function printPage(): void {}
