/**
 * The Telegram front end: long polling or a webhook, the update journal, replies in Telegram's HTML with buttons,
 * groups, pacing and rate limits, charts as photos, votes, progress buttons and weekly reminders; the only
 * package that may import telegrambots (and OkHttp), and besides it {@code advisor}, {@code answer},
 * {@code chart} (a chart's record, drawn to send it), {@code profile} (a vote's outcome), {@code inbox},
 * {@code config}, Jackson and Caffeine.
 */
@NullMarked
package io.github.careeradvisor.telegram;

import org.jspecify.annotations.NullMarked;
