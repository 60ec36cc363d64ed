// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** QR codes of blobs, drawn with ZXing into a JavaFX image. Pure (no scene); any thread. */
public final class QrCodes {
    /**
     * Longest text put in a QR code: version 40 at error correction L holds 2953 bytes; beyond that the blob is
     * copied as text only.
     */
    public static final int MAX_CHARS = 2953;

    private QrCodes() {}

    /** The QR code of {@code text} at {@code pixelsPerModule} scale, or {@code null} when it does not fit. */
    public static WritableImage render(String text, int pixelsPerModule) {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            return null;
        }
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L, EncodeHintType.MARGIN, 2));
        } catch (WriterException | IllegalArgumentException e) {
            return null;
        }
        int w = m.getWidth();
        int h = m.getHeight();
        WritableImage img = new WritableImage(w * pixelsPerModule, h * pixelsPerModule);
        PixelWriter px = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Color c = m.get(x, y) ? Color.BLACK : Color.WHITE;
                for (int dy = 0; dy < pixelsPerModule; dy++) {
                    for (int dx = 0; dx < pixelsPerModule; dx++) {
                        px.setColor(x * pixelsPerModule + dx, y * pixelsPerModule + dy, c);
                    }
                }
            }
        }
        return img;
    }
}
