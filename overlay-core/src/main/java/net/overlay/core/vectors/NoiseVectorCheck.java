package net.overlay.core.vectors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.overlay.core.proto.noise.NoiseProtocol;

/**
 * Checks a Noise vector file in the cacophony JSON format against our handshake: for each vector
 * whose protocol we support, both sides are played against each other with the vector's keys
 * ({@link NoiseVectorRun}). Called by {@code ./overlay vectors noise FILE} and by the tests.
 */
public final class NoiseVectorCheck {
    private NoiseVectorCheck() {}

    /**
     * What a file gave.
     *
     * @param supported vectors whose protocol we support (M in "N of M matched")
     * @param matched supported vectors that matched in every byte
     * @param mismatches one line per difference
     * @param unsupportedByReason vectors skipped, by the reason their protocol is not supported
     * @param matchedByProtocol matched vectors per protocol name
     */
    public record Report(int supported, int matched, List<String> mismatches,
                         Map<String, Integer> unsupportedByReason, Map<String, Integer> matchedByProtocol) {
        public Report {
            mismatches = List.copyOf(mismatches);
            unsupportedByReason = Map.copyOf(unsupportedByReason);
            matchedByProtocol = Map.copyOf(matchedByProtocol);
        }

        /** Whether every supported vector matched, and there was at least one. */
        public boolean allMatched() {
            return matched == supported && supported > 0;
        }
    }

    /**
     * Prints any mismatches, the unsupported vectors by reason, then "N of M matched".
     *
     * @return 0 when all of at least one supported vector matched, 1 otherwise (also for a file
     *     that cannot be read or parsed, after one line saying why)
     */
    public static int run(Path file, PrintStream out) throws IOException {
        Report report;
        try {
            report = check(file);
        } catch (NoSuchFileException e) {
            out.println("error: no such file: " + file);
            return 1;
        } catch (VectorFormatException e) {
            out.println("error: " + file + ": " + e.getMessage());
            return 1;
        }
        report.mismatches().forEach(out::println);
        new TreeMap<>(report.unsupportedByReason())
                .forEach((reason, count) -> out.println("unsupported: " + count + " vectors: " + reason));
        out.println(report.matched() + " of " + report.supported() + " matched");
        return report.allMatched() ? 0 : 1;
    }

    /** Checks every vector of {@code file}. */
    public static Report check(Path file) throws IOException, VectorFormatException {
        return check(NoiseVectorReader.read(file));
    }

    /** Checks every vector of a JSON document in the same format. */
    static Report checkJson(String json) throws VectorFormatException {
        return check(NoiseVectorReader.parse(json));
    }

    private static Report check(List<NoiseVector> vectors) {
        int supported = 0;
        int matched = 0;
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> unsupported = new TreeMap<>();
        Map<String, Integer> matchedByProtocol = new TreeMap<>();
        for (NoiseVector v : vectors) {
            NoiseProtocol protocol;
            try {
                protocol = NoiseProtocol.parse(v.protocolName());
            } catch (IllegalArgumentException e) {
                unsupported.merge(e.getMessage(), 1, Integer::sum);
                continue;
            }
            supported++;
            List<String> lines = NoiseVectorRun.run(v, protocol);
            if (lines.isEmpty()) {
                matched++;
                matchedByProtocol.merge(v.protocolName(), 1, Integer::sum);
            }
            mismatches.addAll(lines);
        }
        return new Report(supported, matched, mismatches, unsupported, matchedByProtocol);
    }
}
