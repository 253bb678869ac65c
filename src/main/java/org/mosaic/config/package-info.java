/**
 * The configuration files the algorithms take (integration policies today), read strictly from a file by the command
 * line or from text typed into a page by the web, so both report the same problems. Above io and the algorithms,
 * below store, web and cli: the algorithms themselves never read a file.
 */
package org.mosaic.config;
