package net.overlay.core.vectors;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.overlay.core.proto.wire.Bytes;

/**
 * Parses the STUN vector format of {@code stun-rfc5769.txt}: {@code #} starts a comment line,
 * blank lines are skipped, and each vector is a name line followed by a line of hex. A line made
 * only of hex digits (spaces allowed) is taken as hex; anything else is a name. Broken entries
 * (odd-length hex, a name with no hex after it, hex with no name before it) come back as
 * {@link Entry.Malformed} instead of failing the whole file.
 */
final class StunVectorFile {
    private StunVectorFile() {}

    /** One entry of the file, in file order. */
    sealed interface Entry {
        String name();

        record Vector(String name, Bytes message) implements Entry {}

        record Malformed(String name, String reason) implements Entry {}
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        String pendingName = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String digits = line.replace(" ", "");
            if (!isHex(digits)) {
                if (pendingName != null) {
                    entries.add(new Entry.Malformed(pendingName, "no hex line follows the name"));
                }
                pendingName = line;
                continue;
            }
            String name = pendingName != null ? pendingName : "(unnamed, line " + (i + 1) + ")";
            if (pendingName == null) {
                entries.add(new Entry.Malformed(name, "hex line without a name line before it"));
            } else if (digits.length() % 2 != 0) {
                entries.add(new Entry.Malformed(name, "odd-length hex (" + digits.length() + " digits)"));
            } else {
                entries.add(new Entry.Vector(name, Bytes.wrapOwned(HexFormat.of().parseHex(digits))));
            }
            pendingName = null;
        }
        if (pendingName != null) {
            entries.add(new Entry.Malformed(pendingName, "no hex line follows the name"));
        }
        return entries;
    }

    private static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
