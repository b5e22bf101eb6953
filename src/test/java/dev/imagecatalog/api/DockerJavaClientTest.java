package dev.imagecatalog.api;

import jakarta.inject.Inject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real docker-java SDK lists and inspects images through our API, unchanged: bare paths and a pinned
 * version. The inspect assertions hold on both forms of the vectors catalog (same ids, tags and labels).
 */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
class DockerJavaClientTest {

    @TestHTTPResource("/")
    URI uri;

    @Inject
    dev.imagecatalog.catalog.events.EventLog events;

    private DockerClient client(RemoteApiVersion version) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("tcp://" + uri.getHost() + ":" + uri.getPort())
                .withDockerTlsVerify(false);
        if (version != null) {
            config.withApiVersion(version);
        }
        DefaultDockerClientConfig built = config.build();
        return DockerClientImpl.getInstance(built, new ApacheDockerHttpClient.Builder().dockerHost(built.getDockerHost()).build());
    }

    private static List<String> ids(List<Image> images) {
        return images.stream().map(Image::getId).toList();
    }

    @Test
    void infoIsTheConnectionCheckManyCodeBasesUse() throws Exception {
        for (RemoteApiVersion version : new RemoteApiVersion[] {null, RemoteApiVersion.VERSION_1_41}) {
            try (DockerClient docker = client(version)) {
                com.github.dockerjava.api.model.Info info = docker.infoCmd().exec();
                assertEquals(4, info.getImages(), "every image, intermediates included");
                assertEquals(0, info.getContainers());
                assertEquals("linux", info.getOsType());
                assertEquals(InfoApiTest.nproc(), info.getNCPU());
                assertEquals(com.github.dockerjava.api.model.LocalNodeState.INACTIVE, info.getSwarm().getLocalNodeState());
                assertEquals(Boolean.FALSE, info.getExperimentalBuild());
            }
        }
    }

    @Test
    void listsImagesOnBarePaths() throws IOException {
        try (DockerClient docker = client(null)) {
            docker.pingCmd().exec();
            List<Image> images = docker.listImagesCmd().exec();
            assertEquals(List.of(ImagesApiTest.A, ImagesApiTest.T, ImagesApiTest.D), ids(images));
            Image a = images.get(0);
            assertArrayEquals(new String[] {"ubuntu:14.04"}, a.getRepoTags());
            assertEquals(1, a.getRepoDigests().length);
            assertEquals(1400000400L, a.getCreated());
            assertEquals(1000L, a.getSize());
            assertEquals(Map.of("tier", "base", "os", "ubuntu"), a.getLabels());
            assertEquals(List.of(ImagesApiTest.A, ImagesApiTest.T, ImagesApiTest.D, ImagesApiTest.I),
                    ids(docker.listImagesCmd().withShowAll(true).exec()));
        }
    }

    @Test
    void filtersThroughTheSdk() throws IOException {
        try (DockerClient docker = client(null)) {
            assertEquals(List.of(ImagesApiTest.D), ids(docker.listImagesCmd().withDanglingFilter(true).exec()));
            assertEquals(List.of(ImagesApiTest.A, ImagesApiTest.T), ids(docker.listImagesCmd().withDanglingFilter(false).exec()));
            assertEquals(List.of(ImagesApiTest.T), ids(docker.listImagesCmd().withLabelFilter("tier=app").exec()));
            assertEquals(List.of(ImagesApiTest.T), ids(docker.listImagesCmd().withLabelFilter(Map.of("tier", "app")).exec()));
            assertEquals(List.of(ImagesApiTest.A), ids(docker.listImagesCmd().withReferenceFilter("ubuntu").exec()));
            assertEquals(List.of(ImagesApiTest.A), ids(docker.listImagesCmd().withImageNameFilter("ubuntu").exec()));
        }
    }

    @Test
    void listsImagesAtAPinnedVersion() throws IOException {
        try (DockerClient docker = client(RemoteApiVersion.VERSION_1_41)) {
            List<Image> images = docker.listImagesCmd().withShowAll(true).exec();
            assertEquals(4, images.size());
            Image t = images.get(1);
            assertEquals(ImagesApiTest.T, t.getId());
            assertEquals(800L, t.getVirtualSize());
            assertNull(t.getRepoDigests(), "a tagged image never pushed has RepoDigests null before 1.43");
            Image i = images.get(3);
            assertArrayEquals(new String[] {"<none>:<none>"}, i.getRepoTags());
            assertEquals(List.of(ImagesApiTest.T), ids(docker.listImagesCmd().withReferenceFilter("app:*").exec()));
        }
    }

    @Test
    void errorsReachTheSdkAsDockerErrors() throws IOException {
        try (DockerClient docker = client(null)) {
            BadRequestException e = assertThrows(BadRequestException.class,
                    () -> docker.listImagesCmd().withFilter("nope", List.of("x")).exec());
            assertTrue(e.getMessage().contains("invalid filter 'nope'"), e.getMessage());
        }
    }

    @Test
    void inspectsAnImageByTag() throws IOException {
        try (DockerClient docker = client(null)) {
            InspectImageResponse a = docker.inspectImageCmd("ubuntu:14.04").exec();
            assertEquals(ImagesApiTest.A, a.getId());
            assertEquals(List.of("ubuntu:14.04"), a.getRepoTags());
            assertEquals(Map.of("tier", "base", "os", "ubuntu"), a.getConfig().getLabels());
            assertTrue(a.getCreated().matches("2014-05-13T17:00:00(\\.\\d+)?Z"), a.getCreated()); // Created 1400000400
            assertEquals(1000L, a.getSize());
        }
    }

    @Test
    void inspectsAnImageByShortId() throws IOException {
        try (DockerClient docker = client(null)) {
            assertEquals(ImagesApiTest.A, docker.inspectImageCmd("1139fe385daf").exec().getId());
            InspectImageResponse t = docker.inspectImageCmd("ad6202492125").exec();
            assertEquals(ImagesApiTest.T, t.getId());
            assertEquals(Map.of("tier", "app"), t.getConfig().getLabels());
        }
    }

    @Test
    void anUnknownImageIsNotFound() throws IOException {
        try (DockerClient docker = client(null)) {
            NotFoundException e = assertThrows(NotFoundException.class, () -> docker.inspectImageCmd("zzz").exec());
            assertTrue(e.getMessage().contains("No such image: zzz:latest"), e.getMessage());
        }
    }

    @Test
    void containersVolumesAndNetworksListAsOnADaemonWithOnlyImages() throws Exception {
        try (DockerClient docker = client(null)) {
            assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).exec());
            assertEquals(0, docker.listVolumesCmd().exec().getVolumes().size());
            assertEquals(List.of("bridge", "host", "none"),
                    docker.listNetworksCmd().exec().stream().map(com.github.dockerjava.api.model.Network::getName).toList());
            com.github.dockerjava.api.exception.NotFoundException missing = assertThrows(com.github.dockerjava.api.exception.NotFoundException.class,
                    () -> docker.inspectContainerCmd("web").exec());
            assertTrue(missing.getMessage().contains("No such container: web"), missing.getMessage());
        }
    }

    @Test
    void writesAreRefusedWithTheDaemonsForbidden() throws Exception {
        try (DockerClient docker = client(RemoteApiVersion.VERSION_1_41)) {
            for (Runnable write : List.<Runnable>of(() -> docker.removeImageCmd("ubuntu:14.04").exec(),
                    () -> docker.tagImageCmd("ubuntu:14.04", "mine", "1").exec(),
                    () -> docker.createContainerCmd("ubuntu:14.04").exec())) {
                RuntimeException refused = assertThrows(RuntimeException.class, write::run);
                assertTrue(refused.getMessage().contains("authorization denied by plugin image-catalog: ")
                        && refused.getMessage().contains("is refused: the image catalog is read-only"), refused.getMessage());
            }
        }
    }

    @Test
    void eventsOfAPastWindowArriveThroughTheCallback() throws Exception {
        String tag = "java-events:" + System.nanoTime();
        events.publish(List.of(new dev.imagecatalog.catalog.events.CatalogChanges.Change("pull", tag, java.util.Map.of("name", "java-events"))));
        List<com.github.dockerjava.api.model.Event> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DockerClient docker = client(null)) {
            docker.eventsCmd().withSince("0").withUntil(String.valueOf(System.currentTimeMillis() / 1000 + 1))
                    .withEventTypeFilter(com.github.dockerjava.api.model.EventType.IMAGE)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Event event) {
                            received.add(event);
                        }
                    }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(received.stream().anyMatch(event -> tag.equals(event.getId()) && "pull".equals(event.getAction())
                && tag.equals(event.getActor().getId())), received.toString());
    }
}
