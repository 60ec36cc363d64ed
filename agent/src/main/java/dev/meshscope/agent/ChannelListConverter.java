// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.TransferMode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One element of {@code --channels}: a Godot transfer mode as its int (0, 1, 2) or its name (unreliable,
 * ordered / unreliable_ordered, reliable).
 */
final class ChannelListConverter implements ITypeConverter<TransferMode> {
    @Override
    public TransferMode convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (v) {
            case "0":
            case "unreliable":
                return TransferMode.UNRELIABLE;
            case "1":
            case "ordered":
            case "unreliable_ordered":
                return TransferMode.UNRELIABLE_ORDERED;
            case "2":
            case "reliable":
                return TransferMode.RELIABLE;
            default:
                throw new TypeConversionException("'" + value + "' is not a transfer mode: use 0/unreliable, "
                        + "1/ordered or 2/reliable, comma-separated (e.g. --channels 2,0).");
        }
    }
}
