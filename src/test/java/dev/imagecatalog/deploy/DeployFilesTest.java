package dev.imagecatalog.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.CatalogSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The deployment files agree with the code: handler, runtimes, paths, variables, probes, port, users. */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path DOCKER = Path.of("src", "main", "docker");
    private static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object here = node;
        for (String key : path) {
            assertTrue(here instanceof Map, "no " + key + " in " + here);
            here = ((Map<String, Object>) here).get(key);
        }
        return (T) here;
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static int httpPort() throws IOException {
        return Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));
    }

    private static int managementPort() throws IOException {
        return Integer.parseInt(applicationProperties().getProperty("quarkus.management.port"));
    }

    /** The environment name of a config key, as MicroProfile Config maps it. */
    private static String envName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    @Test
    void samTemplateMatchesTheLambdaBuild() throws IOException {
        Map<String, Object> template = new Yaml().load(Files.readString(DEPLOY.resolve("template.yaml")));
        Map<String, Object> function = at(template, "Resources", "ImageCatalog", "Properties");

        assertEquals("../target/function.zip", function.get("CodeUri"));
        List<Object> runtime = at(function, "Runtime", "Fn::If");
        assertEquals(List.of("IsNative", "provided.al2023", "java25"), runtime);
        List<Object> handler = at(function, "Handler", "Fn::If");
        assertEquals(HANDLER, handler.get(2), "the JVM handler is Quarkus's stream handler");
        Map<String, Object> variables = at(function, "Environment", "Variables");
        assertTrue(variables.containsKey(envName("catalog.path")), "the catalog variable is " + envName("catalog.path"));
        List<Object> javaOptions = at(variables, "JAVA_TOOL_OPTIONS", "Fn::If");
        assertEquals("-D" + dev.imagecatalog.Main.URI_CHECK_OFF + "=true", javaOptions.get(2),
                "the JVM function turns off what Main turns off");
    }

    /** Private (AWS_IAM) unless the Access parameter says public, on both endpoints; the public grants only then. */
    @Test
    @SuppressWarnings("unchecked")
    void samEndpointsArePrivateUnlessAccessIsPublic() throws IOException {
        Map<String, Object> template = new Yaml().load(Files.readString(DEPLOY.resolve("template.yaml")));
        Map<String, Object> resources = at(template, "Resources");
        assertEquals("private", at(template, "Parameters", "Access", "Default"));
        assertEquals(List.of("private", "public"), at(template, "Parameters", "Access", "AllowedValues"));
        assertEquals(List.of(Map.of("Ref", "Access"), "public"), at(template, "Conditions", "IsPublic", "Fn::Equals"),
                "public only when asked for by name");
        List<Object> publicOrIam = List.of("IsPublic", "NONE", "AWS_IAM");

        Map<String, Object> function = at(resources, "ImageCatalog", "Properties");
        assertEquals(publicOrIam, at(function, "FunctionUrlConfig", "AuthType", "Fn::If"));
        // A SAM HttpApi event would add an API whose authorizer no condition can choose.
        assertFalse(function.containsKey("Events"), "the HTTP API is declared as resources, not as a SAM event");

        List<String> routes = new ArrayList<>();
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = (Map<String, Object>) entry.getValue();
            String type = (String) resource.get("Type");
            assertFalse(type.equals("AWS::Serverless::HttpApi") || type.equals("AWS::Serverless::Api"), entry.getKey());
            if (type.equals("AWS::ApiGatewayV2::Route")) {
                routes.add(entry.getKey());
                assertEquals(publicOrIam, at(resource, "Properties", "AuthorizationType", "Fn::If"), entry.getKey());
            }
            if (type.equals("AWS::Lambda::Permission") && "*".equals(at(resource, "Properties", "Principal"))) {
                assertEquals("IsPublic", resource.get("Condition"), entry.getKey() + " grants everyone");
            }
        }
        assertEquals(List.of("HttpApiRoute"), routes);
        Map<String, Object> route = at(resources, "HttpApiRoute", "Properties");
        assertEquals("$default", route.get("RouteKey"));
        assertEquals(Map.of("Fn::Sub", "integrations/${HttpApiIntegration}"), route.get("Target"));
        Map<String, Object> integration = at(resources, "HttpApiIntegration", "Properties");
        assertEquals(List.of("ImageCatalog", "Arn"), at(integration, "IntegrationUri", "Fn::GetAtt"));
        assertEquals("2.0", integration.get("PayloadFormatVersion"), "the payload the function reads");
        assertEquals("$default", at(resources, "HttpApiStage", "Properties", "StageName"));

        // What SAM adds for a literal AuthType: NONE, here for Access=public only.
        List<String> publicGrants = new ArrayList<>();
        for (String name : List.of("FunctionUrlPublicInvokeUrl", "FunctionUrlPublicInvokeFunction")) {
            publicGrants.add(at(resources, name, "Properties", "Action"));
        }
        assertEquals(List.of("lambda:InvokeFunctionUrl", "lambda:InvokeFunction"), publicGrants);
        assertEquals("NONE", at(resources, "FunctionUrlPublicInvokeUrl", "Properties", "FunctionUrlAuthType"));
        assertEquals(true, at(resources, "FunctionUrlPublicInvokeFunction", "Properties", "InvokedViaFunctionUrl"));

        Map<String, Object> outputs = at(template, "Outputs");
        assertEquals("IsPublic", ((List<Object>) at(outputs, "Access", "Value", "Fn::If")).get(0));
        assertNotNull(at(outputs, "HttpApiUrl", "Value", "Fn::Sub"));
        assertNotNull(at(outputs, "FunctionUrl", "Value", "Fn::GetAtt"));
    }

    @Test
    void samRoleMayWriteLogsAndNothingElse() throws IOException {
        Map<String, Object> template = new Yaml().load(Files.readString(DEPLOY.resolve("template.yaml")));
        Map<String, Object> role = at(template, "Resources", "FunctionRole", "Properties");
        assertFalse(role.containsKey("ManagedPolicyArns"));
        List<Map<String, Object>> policies = at(role, "Policies");
        List<Object> actions = new ArrayList<>();
        for (Map<String, Object> policy : policies) {
            List<Map<String, Object>> statements = at(policy, "PolicyDocument", "Statement");
            for (Map<String, Object> statement : statements) {
                assertEquals("Allow", statement.get("Effect"));
                actions.addAll((List<?>) statement.get("Action"));
            }
        }
        assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), actions);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesManifestMatchesTheContainer() throws IOException {
        Map<String, Map<String, Object>> byKind = new java.util.HashMap<>();
        for (Object document : new Yaml().loadAll(Files.readString(DEPLOY.resolve("kubernetes.yaml")))) {
            byKind.put((String) ((Map<String, Object>) document).get("kind"), (Map<String, Object>) document);
        }
        Map<String, Object> pod = at(byKind.get("Deployment"), "spec", "template", "spec");
        assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
        List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
        // The Docker API over TLS on the daemon's port, from the mounted Secret (issue 25).
        assertEquals("docker-tls", ports.get(0).get("name"));
        assertEquals(2376, ports.get(0).get("containerPort"));
        Map<String, Object> tlsEnv = ((List<Map<String, Object>>) container.get("env")).stream()
                .filter(e -> e.get("name").equals("API_TLS_CERT_PATH")).findFirst().orElseThrow();
        Map<String, Object> tlsVolume = ((List<Map<String, Object>>) pod.get("volumes")).stream()
                .filter(v -> v.get("name").equals(((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                        .filter(m -> m.get("mountPath").equals(tlsEnv.get("value"))).findFirst().orElseThrow().get("name")))
                .findFirst().orElseThrow();
        assertEquals(List.of("cert.pem", "key.pem", "ca.pem"),
                ((List<Map<String, Object>>) at(tlsVolume, "secret", "items")).stream().map(item -> item.get("path")).toList());
        // Probes on the management port, which the pod declares and the Service does not expose.
        assertEquals("management", ports.get(1).get("name"));
        assertEquals(managementPort(), ports.get(1).get("containerPort"));
        assertEquals("/q/health/ready", at(container, "readinessProbe", "httpGet", "path"));
        assertEquals("management", at(container, "readinessProbe", "httpGet", "port"));
        assertEquals("/q/health/live", at(container, "livenessProbe", "httpGet", "path"));
        assertEquals("management", at(container, "livenessProbe", "httpGet", "port"));
        Map<String, Object> annotations = at(byKind.get("Deployment"), "spec", "template", "metadata", "annotations");
        assertEquals(Integer.toString(managementPort()), annotations.get("prometheus.io/port"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertNotNull(at(container, "resources", "limits", "memory"));
        assertNotNull(at(container, "resources", "requests", "cpu"));

        Map<String, Object> env = ((List<Map<String, Object>>) container.get("env")).get(0);
        assertEquals(envName("catalog.path"), env.get("name"));
        String catalogFile = (String) env.get("value");
        Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .filter(m -> catalogFile.startsWith(m.get("mountPath") + "/")).findFirst().orElseThrow();
        Map<String, Object> volume = ((List<Map<String, Object>>) pod.get("volumes")).stream()
                .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
        String configMap = at(volume, "configMap", "name");
        assertEquals(configMap, at(byKind.get("ConfigMap"), "metadata", "name"));
        String catalog = at(byKind.get("ConfigMap"), "data", catalogFile.substring(catalogFile.lastIndexOf('/') + 1));
        // The shipped example catalog loads.
        assertEquals(1, CatalogLoader.load(new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8)), "configmap").size());
        List<Map<String, Object>> servicePorts = (List<Map<String, Object>>) at(byKind.get("Service"), "spec", "ports");
        assertEquals(List.of("docker-tls"), servicePorts.stream().map(port -> port.get("targetPort")).toList(), "only the Docker API is a Service");
    }

    @Test
    void dockerfilesRunAsNonRootOnTheServicePort() throws IOException {
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            String dockerfile = Files.readString(DOCKER.resolve(name));
            assertTrue(dockerfile.contains("\nEXPOSE " + httpPort() + " 2376 " + managementPort() + "\n"), name + " exposes the ports (2376: TLS)");
            Matcher user = Pattern.compile("\nUSER (\\S+)\n").matcher(dockerfile);
            assertTrue(user.find(), name + " sets a user");
            assertFalse(user.group(1).equals("root") || user.group(1).equals("0"), name + " runs as " + user.group(1));
            assertTrue(dockerfile.contains("-Dquarkus.http.host=0.0.0.0"), name + " listens beyond loopback");
        }
        assertTrue(Files.readString(DOCKER.resolve("Dockerfile.jvm")).contains("target/quarkus-app/"));
        assertTrue(Files.readString(DOCKER.resolve("Dockerfile.native")).contains("target/*-runner"));
    }

    @Test
    void theBundledCatalogIsInTheNativeImage() throws IOException {
        String includes = applicationProperties().getProperty("quarkus.native.resources.includes");
        assertTrue(List.of(includes.split(",")).contains(CatalogSource.BUNDLED_CATALOG), includes);
        assertNotNull(getClass().getClassLoader().getResource(CatalogSource.BUNDLED_CATALOG));
    }
}
