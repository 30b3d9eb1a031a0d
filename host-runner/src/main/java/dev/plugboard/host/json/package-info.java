/**
 * JSON for the whole host: {@link dev.plugboard.host.json.Json} holds the module's one Jackson {@code ObjectMapper}
 * (parse, generate, convert, the one pretty printer, JSON pointers) and
 * {@link dev.plugboard.host.json.JsonValueWriter} writes the JDK values the SPI uses (maps, lists, instants). It
 * depends on no other package of the host.
 */
package dev.plugboard.host.json;
