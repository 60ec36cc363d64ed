// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javax.imageio.ImageIO;

/**
 * What a rendered window must show, checked on the pixels of the PNG file that was written (not on the scene
 * graph alone): the peer graph's discs are painted where the graph puts them, every table row on screen carries
 * text, a message is legible. Where to look comes from the live scene (read on the FX thread); what is there comes
 * from the picture. Methods are called on the test thread.
 */
final class PictureCheck {
    /** Two colours closer than this (sum of the RGB channel differences, 0..765) count as the same paint. */
    private static final int SAME_PAINT = 24;
    /** A pixel this far from a region's background colour is ink (text, lines). */
    private static final int INK = 90;
    /** Fewest ink pixels a line of text leaves (one digit at 11 px already leaves more). */
    private static final int MIN_TEXT_INK = 12;

    private final Path file;
    private final BufferedImage image;
    private final Scene scene;
    private final double scale;

    private PictureCheck(Path file, BufferedImage image, Scene scene, double scale) {
        this.file = file;
        this.image = image;
        this.scene = scene;
        this.scale = scale;
    }

    /** Reads the PNG {@code file} that was rendered from {@code scene}. */
    static PictureCheck of(Path file, Scene scene) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("a readable PNG at %s", file).isNotNull();
        double sceneWidth = GuiTestSupport.fx(scene::getWidth);
        assertThat(sceneWidth).isPositive();
        return new PictureCheck(file, image, scene, image.getWidth() / sceneWidth);
    }

    /**
     * Each node ({@code #peer-node-local}, {@code #peer-node-3} ...) is drawn: at three of four points inside its
     * disc (around the id in the middle) the picture has the disc's fill, and that fill stands out from the
     * graph's background.
     */
    PictureCheck discsDrawn(String... nodeQueries) {
        Node graph = lookup("#peerGraph");
        int background = dominantColour(regionOf(graph));
        for (String q : nodeQueries) {
            Node group = lookup(q);
            double[] disc = GuiTestSupport.fx(() -> {
                Circle c = (Circle) group.lookup(".graph-disc");
                Bounds b = c.localToScene(c.getBoundsInLocal());
                Paint fill = c.getFill();
                Color f = fill instanceof Color ? (Color) fill : Color.TRANSPARENT;
                return new double[] {b.getCenterX(), b.getCenterY(), c.getRadius(), rgb(f)};
            });
            int fill = (int) disc[3];
            assertThat(distance(fill, background))
                    .as("%s: disc fill %s must stand out from the background %s", q, hex(fill), hex(background))
                    .isGreaterThan(2 * SAME_PAINT);
            double r = disc[2];
            double[][] probes = {{0.55 * r, 0}, {-0.55 * r, 0}, {0, 0.62 * r}, {0, -0.62 * r}};
            int matching = 0;
            List<String> seen = new ArrayList<>();
            for (double[] p : probes) {
                int px = pixel(disc[0] + p[0], disc[1] + p[1]);
                seen.add(hex(px));
                if (distance(px, fill) <= SAME_PAINT) {
                    matching++;
                }
            }
            assertThat(matching)
                    .as(
                            "%s in %s: pixels inside the disc at (%.0f, %.0f) r=%.0f were %s, fill %s",
                            q, file.getFileName(), disc[0], disc[1], r, seen, hex(fill))
                    .isGreaterThanOrEqualTo(3);
        }
        return this;
    }

    /** At least {@code minRows} rows of {@code tableQuery} are on screen, and every one of them carries text. */
    PictureCheck tableRowsDrawn(String tableQuery, int minRows) {
        TableView<?> table = lookup(tableQuery);
        List<int[]> rows = GuiTestSupport.fx(() -> {
            List<int[]> out = new ArrayList<>();
            Bounds view = table.localToScene(table.getBoundsInLocal());
            for (Node n : table.lookupAll(".table-row-cell")) {
                if (n instanceof TableRow<?> row && row.isVisible() && !row.isEmpty() && row.getItem() != null) {
                    Bounds b = row.localToScene(row.getBoundsInLocal());
                    if (b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY() + 0.5) {
                        out.add(region(b));
                    }
                }
            }
            return out;
        });
        assertThat(rows.size())
                .as("%s rows on screen in %s", tableQuery, file.getFileName())
                .isGreaterThanOrEqualTo(minRows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(inkPixels(rows.get(i)))
                    .as("%s: ink in row %d of %s", tableQuery, i, file.getFileName())
                    .isGreaterThanOrEqualTo(MIN_TEXT_INK);
        }
        return this;
    }

    /** The node found by {@code query} is on screen and carries text (or other ink) in the picture. */
    PictureCheck textDrawn(String query) {
        Node n = lookup(query);
        int[] r = GuiTestSupport.fx(() -> region(n.localToScene(n.getBoundsInLocal())));
        assertThat(r[2] - r[0]).as("%s is on screen", query).isPositive();
        assertThat(inkPixels(r)).as("%s: ink in %s", query, file.getFileName()).isGreaterThanOrEqualTo(MIN_TEXT_INK);
        return this;
    }

    private <T extends Node> T lookup(String query) {
        Node n = GuiTestSupport.fx(() -> scene.getRoot().lookup(query));
        assertThat(n).as("%s in the window", query).isNotNull();
        @SuppressWarnings("unchecked")
        T t = (T) n;
        return t;
    }

    private int[] regionOf(Node n) {
        return GuiTestSupport.fx(() -> region(n.localToScene(n.getBoundsInLocal())));
    }

    /** Scene bounds to a pixel rectangle {x0, y0, x1, y1} (exclusive ends), clipped to the picture. */
    private int[] region(Bounds b) {
        int x0 = clamp((int) Math.ceil(b.getMinX() * scale), image.getWidth());
        int y0 = clamp((int) Math.ceil(b.getMinY() * scale), image.getHeight());
        int x1 = clamp((int) Math.floor(b.getMaxX() * scale), image.getWidth());
        int y1 = clamp((int) Math.floor(b.getMaxY() * scale), image.getHeight());
        return new int[] {x0, y0, Math.max(x0, x1), Math.max(y0, y1)};
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }

    private int pixel(double sceneX, double sceneY) {
        int x = clamp((int) Math.round(sceneX * scale), image.getWidth() - 1);
        int y = clamp((int) Math.round(sceneY * scale), image.getHeight() - 1);
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** The most frequent colour of the region: its background. */
    private int dominantColour(int[] r) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = r[1]; y < r[3]; y++) {
            for (int x = r[0]; x < r[2]; x++) {
                counts.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(0);
    }

    private int inkPixels(int[] r) {
        int background = dominantColour(r);
        int ink = 0;
        for (int y = r[1]; y < r[3]; y++) {
            for (int x = r[0]; x < r[2]; x++) {
                if (distance(image.getRGB(x, y) & 0xFFFFFF, background) >= INK) {
                    ink++;
                }
            }
        }
        return ink;
    }

    private static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF))
                + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
    }

    private static String hex(int rgb) {
        return String.format("#%06x", rgb);
    }
}
