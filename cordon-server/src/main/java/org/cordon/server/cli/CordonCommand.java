package org.cordon.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the one fat jar behind {@code bin/cordon}. Each subcommand is its own class in
 * {@code org.cordon.server.cli}; only {@code serve} starts Spring.
 */
@Command(name = "cordon", mixinStandardHelpOptions = true, version = "cordon 0.1.0",
    description = "Cordon outbreak prevention-and-control command platform.",
    subcommands = {ServeCommand.class, CityCommand.class, TraceCommand.class, PoolPlanCommand.class,
        CommandLine.HelpCommand.class})
public final class CordonCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    int exit = new CommandLine(new CordonCommand()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
