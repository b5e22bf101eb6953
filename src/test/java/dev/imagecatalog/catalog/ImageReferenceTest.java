package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf";

    @ParameterizedTest
    @CsvSource({
        // input,                                familiar,                            familiar name,                canonical
        "ubuntu:22.04,                           ubuntu:22.04,                        ubuntu,                       docker.io/library/ubuntu:22.04",
        "docker.io/library/ubuntu:22.04,         ubuntu:22.04,                        ubuntu,                       docker.io/library/ubuntu:22.04",
        "index.docker.io/library/ubuntu:22.04,   ubuntu:22.04,                        ubuntu,                       docker.io/library/ubuntu:22.04",
        "docker.io/acme/app:1,                   acme/app:1,                          acme/app,                     docker.io/acme/app:1",
        "acme/app:1,                             acme/app:1,                          acme/app,                     docker.io/acme/app:1",
        "docker.io/library/a/b:1,                library/a/b:1,                       library/a/b,                  docker.io/library/a/b:1",
        "localhost:5000/test/busybox:latest,     localhost:5000/test/busybox:latest,  localhost:5000/test/busybox,  localhost:5000/test/busybox:latest",
        "localhost/app:1,                        localhost/app:1,                     localhost/app,                localhost/app:1",
        "quay.io/org/app:v1.2-rc_3,              quay.io/org/app:v1.2-rc_3,           quay.io/org/app,              quay.io/org/app:v1.2-rc_3",
        "ubuntu,                                 ubuntu,                              ubuntu,                       docker.io/library/ubuntu",
        "a__b-c.d:x,                             a__b-c.d:x,                          a__b-c.d,                     docker.io/library/a__b-c.d:x",
    })
    void normalisesToFamiliarAndCanonicalForms(String input, String familiar, String familiarName, String canonical) {
        ImageReference ref = ImageReference.parse(input);
        assertAll(
                () -> assertEquals(familiar, ref.familiar()),
                () -> assertEquals(familiarName, ref.familiarName()),
                () -> assertEquals(canonical, ref.canonical()));
    }

    @Test
    void digestReferencesKeepTheirDigest() {
        ImageReference ref = ImageReference.parse("localhost:5000/test/busybox@" + DIGEST);
        assertTrue(ref.isDigested());
        assertFalse(ref.isTagged());
        assertEquals(DIGEST, ref.digest());
        assertEquals("localhost:5000/test/busybox@" + DIGEST, ref.familiar());
    }

    @Test
    void aBareNameGetsTheDefaultTagOnlyWhenAsked() {
        assertNull(ImageReference.parse("zzz").tag());
        assertEquals("zzz:latest", ImageReference.parseWithDefaultTag("zzz").familiar());
        assertEquals("ubuntu@" + DIGEST, ImageReference.parseWithDefaultTag("ubuntu@" + DIGEST).familiar());
    }

    @Test
    void theDefaultTagKeepsTheRepositoryEvenWhenItsFamiliarNameLooksLikeAHost() {
        // Familiar "registry.example.com/app" would read back as a registry host and a repository "app".
        ImageReference ref = ImageReference.parseWithDefaultTag("docker.io/registry.example.com/app");
        assertEquals("docker.io/registry.example.com/app:latest", ref.canonical());
        assertEquals("registry.example.com/app:latest", ref.familiar());
        assertEquals("latest", ref.tag());
    }

    @Test
    void upperCaseRepositoryNamesAreRefusedWithTheDaemonsWords() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("Ubuntu:1"));
        assertEquals("invalid reference format: repository name (library/Ubuntu) must be lowercase", e.getMessage());
        // An upper-case registry host is fine: only the repository path must be lower case.
        assertEquals("Registry.Example.com/app:1", ImageReference.parse("Registry.Example.com/app:1").familiar());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ":tag", "ubuntu:", "ubuntu::1", "ubu ntu", "-ubuntu", "ubuntu-", "a//b", "ubuntu:-tag", "ubuntu@sha256:abc",
        "ubuntu@md5:cbbf2f9a99b47fc460d422812b6a5adff", "ubuntu:" + "t12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678",
        "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c",
    })
    void malformedReferencesAreRefused(String input) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().startsWith("invalid") || e.getMessage().equals("unsupported digest algorithm"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a_b", "a__b", "a-b", "a--b", "a---b", "a.b-c__d", "0a/b9", "a:T_a.g-1", "[::1]:5000/a:1",
        "host-1.example:8080/a/b/c"})
    void separatorsAndHostsTheGrammarAllows(String input) {
        assertEquals(input, ImageReference.parse(input).familiar());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "a___b", "a-_b", "a_-b", "a._b", "a/-b", "a/b_", ".a", "a:.tag", "a@sha256:GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG",
        "-host.example/a:1", "a@sha256", "a/", "/a"})
    void separatorsAndHostsTheGrammarRefuses(String input) {
        assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));
    }

    @Test
    void pathsLongerThan255CharactersAreRefused() {
        // As distribution/reference: the path after the domain counts, with library/ for official images.
        String longPath = "a".repeat(254) + "/b:1";
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(longPath));
        assertEquals("repository name must not be more than 255 characters", e.getMessage());
        assertEquals("a".repeat(253) + "/b", ImageReference.parse("a".repeat(253) + "/b:1").familiarName(), "255 exactly");
        assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("a".repeat(248)), "library/ + 248");
        assertEquals("a".repeat(247), ImageReference.parse("a".repeat(247)).familiarName());
        assertEquals("example.com/" + "a".repeat(255), ImageReference.parse("example.com/" + "a".repeat(255)).familiarName(),
                "the domain does not count");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        u@sha256:abc                                                               | invalid reference format
        u@sha256:0123456789abcdef0123456789abcdef01234567                           | invalid checksum digest length
        u@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF   | invalid checksum digest format
        u@md5:0123456789abcdef0123456789abcdef                                      | unsupported digest algorithm
        u@SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   | invalid reference format: repository name (library/u@SHA256) must be lowercase
        u@Sha-256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  | invalid reference format: repository name (library/u@Sha-256) must be lowercase
        u@sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   | invalid checksum digest length
        a b                                                                        | invalid reference format
        ''                                                                         | invalid reference format
        """)
    void malformedReferencesInTheDaemonsWords(String text, String message) {
        assertEquals(message, assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(text)).getMessage());
    }

    @Test
    void recognisesFullImageIds() {
        String hex = "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";
        assertTrue(ImageReference.isFullImageId(hex));
        assertTrue(ImageReference.isFullImageId("sha256:" + hex));
        assertFalse(ImageReference.isFullImageId(hex.substring(1)));
        assertFalse(ImageReference.isFullImageId(hex.toUpperCase()));
        assertFalse(ImageReference.isFullImageId("sha512:" + hex));
    }

    @Test
    void tagAndDigestAreReadFromTheFamiliarString() {
        ImageReference both = ImageReference.parse("localhost:5000/a/b:1.0@" + DIGEST);
        assertEquals("1.0", both.tag());
        assertEquals(DIGEST, both.digest());
        assertEquals("localhost:5000/a/b", both.familiarName());
        ImageReference tagged = ImageReference.parse("docker.io/library/ubuntu:22.04");
        assertEquals("22.04", tagged.tag());
        assertNull(tagged.digest());
        assertEquals("docker.io/library/ubuntu:22.04", tagged.canonical());
        assertEquals("docker.io/library/ubuntu", tagged.canonicalName());
        assertEquals("ubuntu", tagged.familiarName());
        assertEquals("localhost:5000/a/b", both.canonicalName());
        assertEquals("docker.io/acme/app", ImageReference.parse("acme/app@" + DIGEST).canonicalName());
        ImageReference digested = ImageReference.parse("ubuntu@" + DIGEST);
        assertNull(digested.tag());
        assertEquals(DIGEST, digested.digest());
        assertEquals("latest", ImageReference.parseWithDefaultTag("ubuntu").tag());
        assertEquals(tagged, ImageReference.parse("ubuntu:22.04"), "one reference, two spellings");
    }

    /** The domain grammar of github.com/distribution/reference, as its regular expression: the oracle. */
    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");

    @Test
    void domainsAreCheckedAsTheReferenceGrammarSays() {
        // Every string of up to four characters over an alphabet that reaches each branch of the grammar.
        char[] alphabet = {'a', 'Z', '0', '-', '.', ':', '[', ']', '_'};
        int checked = 0;
        for (int length = 1; length <= 4; length++) {
            int[] digits = new int[length];
            while (true) {
                StringBuilder domain = new StringBuilder();
                for (int d : digits) {
                    domain.append(alphabet[d]);
                }
                String text = domain.toString();
                assertEquals(DOMAIN.matcher(text).matches(), ImageReference.isDomain(text), text);
                checked++;
                int i = length - 1;
                while (i >= 0 && ++digits[i] == alphabet.length) {
                    digits[i--] = 0;
                }
                if (i < 0) {
                    break;
                }
            }
        }
        for (String text : new String[] {"registry.example.com", "localhost:5000", "[::1]:5000", "[fe80::1]",
                "my-registry.local:443", "a.b.c.d.e", "-a.com", "a-.com", "a..b", "[::1]:", "[]", "host:port"}) {
            assertEquals(DOMAIN.matcher(text).matches(), ImageReference.isDomain(text), text);
        }
        assertTrue(checked > 7000);
    }
}
