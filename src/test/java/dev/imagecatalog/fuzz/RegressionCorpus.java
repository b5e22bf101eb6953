package dev.imagecatalog.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Inputs kept because they once broke something, or nearly: {@code fuzz/request-targets.txt}, one
 * request target per line, {@code #} comments, {@code \xHH} for a byte that cannot be written as is.
 */
final class RegressionCorpus {

    private RegressionCorpus() {
    }

    static List<String> requestTargets() throws IOException {
        try (InputStream in = RegressionCorpus.class.getResourceAsStream("/fuzz/request-targets.txt")) {
            if (in == null) {
                throw new IOException("fuzz/request-targets.txt is missing");
            }
            List<String> targets = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    targets.add(unescape(line.strip()));
                }
            }
            return targets;
        }
    }

    /** {@code \xHH} to the byte it names, as one ISO-8859-1 character. */
    static String unescape(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            if (line.startsWith("\\x", i) && i + 4 <= line.length()) {
                out.append((char) HexFormat.fromHexDigits(line, i + 2, i + 4));
                i += 3;
            } else {
                out.append(line.charAt(i));
            }
        }
        return out.toString();
    }
}
