package org.cordon.server.healthcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Draws a QR code as an SVG document (ZXing for the matrix): one path of unit squares in the code's
 * colour on white, with a quiet zone of four modules. Scalable, a few kilobytes, no script and no
 * {@code style} attribute, so the resident page can show it under the strict Content Security Policy.
 */
final class QrSvg {
  private QrSvg() {
  }

  /**
   * The QR code of {@code text} (error correction level M) drawn in {@code colour} (a CSS colour such
   * as {@code #1a7f37}).
   *
   * @throws IllegalArgumentException if the text does not fit a QR code
   */
  static String of(String text, String colour) {
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot draw a QR code: " + e.getMessage(), e);
    }
    int w = m.getWidth();
    int h = m.getHeight();
    StringBuilder path = new StringBuilder(w * h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (m.get(x, y)) {
          int run = 1;
          while (x + run < w && m.get(x + run, y)) {
            run++;
          }
          path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-")
              .append(run).append('z');
          x += run - 1;
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h
        + "\" shape-rendering=\"crispEdges\"><rect width=\"" + w + "\" height=\"" + h
        + "\" fill=\"#fff\"/><path fill=\"" + colour + "\" d=\"" + path + "\"/></svg>";
  }
}
