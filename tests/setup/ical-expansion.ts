import ICAL from 'ical.js';

/*
 * An independent RRULE expansion for tests: ical.js, with Europe/Paris written out as a VTIMEZONE by its EU
 * rules (last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC), not read from the system.
 */
export const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

ICAL.TimezoneService.register(new ICAL.Component(ICAL.parse(PARIS_VTIMEZONE)));

const compact = (local: string) => local.replace(/[-:]/g, '') + '00';

const parisReading = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The start instants of DTSTART;TZID=Europe/Paris + RRULE + EXDATEs (local `YYYY-MM-DDTHH:MM`), by ical.js.
 * Two known differences from RFC 5545 §3.3.5 are corrected, each recognised by Intl reading instants back:
 * a wall time in the spring gap (02:xx on the last Sunday of March) takes the offset before the change (02:30
 * is 03:30 summer time; ical.js says one hour earlier); a wall time that happens twice in autumn is the first
 * of the two (ical.js gives the second, one hour later).
 */
export function expandedStarts(startLocal: string, rrule: string, exdates: string[], max: number): Date[] {
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    PARIS_VTIMEZONE,
    'BEGIN:VEVENT',
    'UID:test',
    'DTSTAMP:20260101T000000Z',
    `DTSTART;TZID=Europe/Paris:${compact(startLocal)}`,
    `RRULE:${rrule}`,
    ...exdates.map((d) => `EXDATE;TZID=Europe/Paris:${compact(d)}`),
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  const iterator = event.iterator();
  const starts: Date[] = [];
  for (let next = iterator.next(); next && starts.length < max; next = iterator.next()) {
    const instant = next.toJSDate();
    const wall = `${next.year}-${pad(next.month)}-${pad(next.day)} ${pad(next.hour)}:${pad(next.minute)}`;
    const hourBefore = new Date(instant.getTime() - 3_600_000);
    if (parisReading.format(instant) !== wall) starts.push(new Date(instant.getTime() + 3_600_000));
    else if (parisReading.format(hourBefore) === wall) starts.push(hourBefore);
    else starts.push(instant);
  }
  return starts;
}
