// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad command lines end with their one-line reason, where a terminal leaves the eye: picocli's default prints the
 * reason first and then the whole usage (52 lines for {@code agent}), which pushes the reason off the screen. This
 * prints a pointer to {@code --help}, any "did you mean" suggestions, and the reason last; exit code 2.
 */
public final class ReasonLastHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for every option.");
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(cmd.getColorScheme().errorText(ex.getMessage()));
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
