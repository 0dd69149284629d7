package org.cordon.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cordon.server.CordonServerApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cordon serve}: runs the command server until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Run the command server and the web console.",
        "Without CORDON_DB_URL the data lives in an embedded H2 database under --data-dir;",
        "with CORDON_DB_URL (e.g. jdbc:postgresql://127.0.0.1:5432/cordon) it uses PostgreSQL."})
public final class ServeCommand implements Callable<Integer> {

  @Option(names = "--demo", description = "Load a demo city (synthetic persons, venues and "
      + "presence events) on first start, and create the demo console users.")
  boolean demo;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--data-dir", defaultValue = "data",
      description = "Directory of the embedded database (default: ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("server.port", port);
    props.put("server.address", bind);
    props.put("cordon.data-dir", dataDir.toAbsolutePath().toString());
    props.put("cordon.demo.enabled", demo);
    if (demo) {
      props.put("cordon.security.demo-users", true);
    }
    // Passed as command-line properties so they win over application.yml and the environment.
    String[] args = props.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    SpringApplication.run(CordonServerApplication.class, args);
    return 0;
  }
}
