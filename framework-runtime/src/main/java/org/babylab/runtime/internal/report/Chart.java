package org.babylab.runtime.internal.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * One drawn figure: a chart with its file name, size and caption, rendered to SVG (inline in the page
 * and as a file) and PNG. Rendering needs no display ({@code java.awt.headless}).
 *
 * @param id a file-name-safe id, unique within a report; it prefixes the SVG's internal ids so that
 *     several figures can be inlined in one page
 * @param title the heading shown above the figure
 * @param caption what the figure shows and how it was computed
 * @param chart the chart
 * @param width width in pixels (CSS pixels for SVG)
 * @param height height in pixels
 */
public record Chart(String id, String title, String caption, JFreeChart chart, int width, int height) {
    /** The PNG is drawn at this multiple of the SVG size, sharp enough for a paper. */
    public static final int PNG_SCALE = 2;

    public Chart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chart, "chart");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a figure id must be lowercase letters, digits and dashes: " + id);
        }
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException("a figure needs at least 50x50 pixels, got " + width + "x" + height);
        }
    }

    /** An {@code <svg>} element to inline in HTML: scales to its container's width, ids prefixed by {@link #id()}. */
    public String inlineSvg() {
        return draw().getSVGElement("fig-" + id, false, new ViewBox(0, 0, width, height), null, null);
    }

    /** A standalone SVG document. */
    public String svgDocument() {
        return draw().getSVGDocument();
    }

    /** A PNG at {@link #PNG_SCALE} times the nominal size. */
    public byte[] png() {
        BufferedImage image = new BufferedImage(width * PNG_SCALE, height * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode figure " + id + " as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private SVGGraphics2D draw() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g;
    }
}
