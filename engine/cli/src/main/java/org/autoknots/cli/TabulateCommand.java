package org.autoknots.cli;

import picocli.CommandLine.Command;

/** Placeholder for {@code autoknots tabulate}; its owner replaces this file. */
@Command(name = "tabulate", mixinStandardHelpOptions = true, description = "Tabulate a function (not implemented yet).")
public final class TabulateCommand implements Runnable {

    @Override
    public void run() {
        throw new UnsupportedOperationException("autoknots tabulate is not implemented yet");
    }
}
