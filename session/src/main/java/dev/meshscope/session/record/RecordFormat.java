// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/** Constants of the session record format ({@code docs/records.md}) and its one JSON mapper. */
public final class RecordFormat {
    /** The header's {@code format} value. */
    public static final String FORMAT_NAME = "meshscope-record";
    /** The format version this code writes; a reader refuses a newer one. */
    public static final int FORMAT_VERSION = 1;
    /** The file name ending of a record. */
    public static final String EXTENSION = ".msrec.jsonl.gz";

    /**
     * One mapper for writing and reading: record components only (an {@code isX()} helper such as
     * {@code Impairment.isNone()} is not a field), NaN written as the string "NaN", unknown fields ignored on read
     * so a reader of this version reads a later minor version's lines.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RecordFormat() {}

    /** The MeshScope version (from the build), or "dev" when run from unpackaged classes without it. */
    public static String meshscopeVersion() {
        try (InputStream in = RecordFormat.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Whether {@code file}'s name ends like a record. */
    public static boolean isRecord(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(EXTENSION);
    }

    /**
     * The file of part {@code part} of the record whose first part is {@code first}: the first part itself, then
     * {@code name.2.msrec.jsonl.gz}, {@code name.3...} (a name without the extension gets {@code .2} appended).
     */
    public static Path partFile(Path first, int part) {
        if (part <= 1) {
            return first;
        }
        String name = String.valueOf(first.getFileName());
        String base = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        String ext = name.endsWith(EXTENSION) ? EXTENSION : "";
        return first.resolveSibling(base + "." + part + ext);
    }
}
