/**
 * The Telegram front end: long polling, the update journal, replies in Telegram's HTML with buttons,
 * groups, pacing and rate limits; the only package that may import telegrambots (and OkHttp), and
 * besides it {@code advisor}, {@code answer}, {@code inbox}, {@code config}, Jackson and Caffeine.
 */
@NullMarked
package io.github.careeradvisor.telegram;

import org.jspecify.annotations.NullMarked;
