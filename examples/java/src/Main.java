import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runway's Java example: the JDK's own HTTP server, compiled with javac during the build. It
 * listens on the port Runway passes in PORT and answers with its greeting and message.txt.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String message = Files.readString(Path.of("message.txt")).strip();
            byte[] body = (System.getenv().getOrDefault("GREETING", "Hello") + "\n" + message + "\njava "
                    + System.getProperty("java.version") + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening on 127.0.0.1:" + port);
    }
}
