/**
 * Mass testing (核酸检测): screening campaigns and their target populations, sampling sites, the
 * registry of one sampling round (persons into pooled tubes, in compact int arrays), lab results with
 * corrections, positive-pool recall, coverage per division and grid cell (不漏一人), key-group test
 * schedules with compliance and overdue lists, tube turnaround alarms, and the Dorfman pool-size
 * planner. Every number is in {@link org.cordon.core.testing.TestingPolicy} or the {@link
 * org.cordon.core.testing.Campaign}; the engines are plain Java with no framework.
 */
package org.cordon.core.testing;
