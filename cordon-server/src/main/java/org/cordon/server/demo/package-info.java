/** The demo: a synthetic city loaded through the real bulk intake on the first {@code serve --demo}. */
package org.cordon.server.demo;
