import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

/**
 * Writes a catalog of N images shaped like a busy registry mirror's daemon: tagged images in
 * 50 teams' repositories with digests and labels, one in ten built on an intermediate (untagged
 * parent) image, one in twenty dangling. Deterministic for a given N.
 *
 * <pre>java bench/GenerateCatalog.java 100000 /tmp/catalog-100000.json</pre>
 */
public class GenerateCatalog {

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Random random = new Random(count);
        HexFormat hex = HexFormat.of();
        long created = 1_700_000_000L;
        String pendingParent = null;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("[\n");
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[32];
                random.nextBytes(id);
                String imageId = "sha256:" + hex.formatHex(id);
                created -= 1 + random.nextInt(600);
                int team = random.nextInt(50);
                String repo = "registry.example.com/team-" + team + "/app-" + i;
                StringBuilder image = new StringBuilder(768);
                image.append("{\"Containers\":").append(random.nextInt(4))
                        .append(",\"Created\":").append(created)
                        .append(",\"Id\":\"").append(imageId).append('"');
                boolean intermediate = pendingParent == null && i % 10 == 5 && i + 1 < count;
                boolean dangling = !intermediate && i % 20 == 7;
                image.append(",\"Labels\":");
                if (intermediate) {
                    image.append("null");
                } else {
                    image.append("{\"com.example.team\":\"team-").append(team)
                            .append("\",\"com.example.version\":\"v").append(i % 7)
                            .append("\",\"org.opencontainers.image.title\":\"app-").append(i % 5000).append("\"}");
                }
                String parent = intermediate ? "" : pendingParent == null ? "" : pendingParent;
                image.append(",\"ParentId\":\"").append(parent).append('"');
                if (intermediate || dangling) {
                    image.append(",\"RepoDigests\":[],\"RepoTags\":[]");
                } else {
                    byte[] digest = new byte[32];
                    random.nextBytes(digest);
                    image.append(",\"RepoDigests\":[\"").append(repo).append("@sha256:").append(hex.formatHex(digest)).append("\"]")
                            .append(",\"RepoTags\":[\"").append(repo).append(":1.").append(i).append('"');
                    if (i % 3 == 0) {
                        image.append(",\"").append(repo).append(":latest\"");
                    }
                    image.append(']');
                }
                long size = 5_000_000L + random.nextInt(200_000_000);
                image.append(",\"SharedSize\":-1,\"Size\":").append(size).append(",\"VirtualSize\":").append(size).append('}');
                pendingParent = intermediate ? imageId : null;
                w.write(image.toString());
                w.write(i + 1 < count ? ",\n" : "\n");
            }
            w.write("]\n");
        }
    }
}
