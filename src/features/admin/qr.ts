import qrcode from 'qrcode-generator';

/**
 * The poster's QR code as an image data URL (GIF), drawn on the device: nothing is sent anywhere to make it.
 * Error correction M survives a little dirt or a crease on a printed poster.
 */
export function qrDataUrl(text: string, cellSize = 8, margin = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(cellSize, margin);
}
