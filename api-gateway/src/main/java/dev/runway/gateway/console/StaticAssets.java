package dev.runway.gateway.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /console/static/<name>}: the console's stylesheet and scripts, read from the classpath:
 * htmx and its SSE extension from their WebJars (the versions the pom names, read from the jars'
 * own Maven properties), the rest from {@code console/} in this module. Only these names are
 * served; nothing is fetched from elsewhere at run time.
 */
@Path("/console/static")
public class StaticAssets {

    private record Asset(String resource, String type) {
    }

    private static final Map<String, Asset> ASSETS = Map.of(
            "htmx.min.js", new Asset(webjar("htmx.org", "dist/htmx.min.js"), "text/javascript"),
            "sse.js", new Asset(webjar("htmx-ext-sse", "sse.js"), "text/javascript"),
            "console.css", new Asset("console/console.css", "text/css"),
            "console.js", new Asset("console/console.js", "text/javascript"));

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    @GET
    @Path("/{name}")
    public Response asset(@PathParam("name") String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            throw new NotFoundException();
        }
        byte[] bytes = loaded.computeIfAbsent(name, n -> read(asset.resource()));
        return Response.ok(bytes, asset.type() + "; charset=utf-8").header("Cache-Control", "max-age=3600").build();
    }

    static String webjar(String artifact, String file) {
        String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/webjars/" + artifact + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
