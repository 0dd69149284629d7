/**
 * People: identity numbers (GB 11643-1999), persons and households. Framework-free values.
 */
package org.cordon.core.person;
