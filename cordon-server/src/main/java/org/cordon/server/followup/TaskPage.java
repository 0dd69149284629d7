package org.cordon.server.followup;

import java.util.List;

/** One page of tasks: {@code total} counts all matches, {@code page} starts at 0. */
public record TaskPage(List<TaskView> items, int page, int size, long total) {
}
