package dev.webseed.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real Debian nginx as the load balancer in front of several servers: its own configuration in
 * a temporary folder ({@code nginx -c conf -p dir}), listening on a loopback port, round robin
 * over the given upstream ports, with {@code X-Forwarded-For} set; stopped by PID. The access log
 * holds, per request, the URI and the upstream that answered ({@code $upstream_addr}).
 *
 * <p>A missing nginx follows the interop gate ({@link Interop}).</p>
 */
public final class Nginx implements AutoCloseable {
    private final ServerProcess process;
    private final Path accessLog;
    private final int port;

    private Nginx(ServerProcess process, Path accessLog, int port) {
        this.process = process;
        this.accessLog = accessLog;
        this.port = port;
    }

    /** Starts nginx on 127.0.0.1:{@code port} in front of 127.0.0.1:{@code upstreams}. */
    public static Nginx start(Path dir, int port, List<Integer> upstreams) throws IOException, InterruptedException {
        Path nginx = Interop.find("/usr/sbin/nginx")
                .orElseGet(() -> Interop.missing("nginx (apt-get install nginx-light: the load balancer of the "
                        + "several-servers test)"));
        Files.createDirectories(dir);
        Path access = dir.resolve("access.log");
        StringBuilder servers = new StringBuilder();
        for (int upstream : upstreams) {
            servers.append("        server 127.0.0.1:").append(upstream).append(";\n");
        }
        String conf = (System.getProperty("user.name").equals("root") ? "user root;\n" : "")
                + "worker_processes 1;\n"
                + "daemon off;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " notice;\n"
                + "events { worker_connections 512; }\n"
                + "http {\n"
                + "    log_format fleet '$request_uri $upstream_addr $status';\n"
                + "    access_log " + access + " fleet;\n"
                + "    client_body_temp_path " + dir.resolve("body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "    upstream webseed {\n" + servers + "        keepalive 16;\n    }\n"
                + "    server {\n"
                + "        listen 127.0.0.1:" + port + ";\n"
                + "        location / {\n"
                + "            proxy_pass http://webseed;\n"
                + "            proxy_http_version 1.1;\n"
                + "            proxy_set_header Connection \"\";\n"
                + "            proxy_set_header Host $http_host;\n"
                + "            proxy_set_header X-Forwarded-For $remote_addr;\n"
                + "            proxy_buffering off;\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Path log = dir.resolve("nginx.out");
        ServerProcess process = ServerProcess.start(List.of(nginx.toString(), "-c", confFile.toString(), "-p",
                dir.toString(), "-e", dir.resolve("error.log").toString()), dir, Map.of(), log);
        process.await(dir.resolve("error.log"), Pattern.compile("start worker process"), Duration.ofSeconds(20));
        return new Nginx(process, access, port);
    }

    public int port() {
        return port;
    }

    /** The access log's lines: {@code uri upstream status}. */
    public List<String> accessLog() throws IOException {
        return Files.isRegularFile(accessLog) ? Files.readAllLines(accessLog) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(10));
    }
}
