/**
 * Download formats shared by the capabilities that offer lists as files (a case's contacts, a
 * community's missed persons). Depends on nothing else of the server.
 */
package org.cordon.server.export;
