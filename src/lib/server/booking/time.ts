/** Places are in metropolitan France for now: their local time is Paris time. */
export const TIME_ZONE = 'Europe/Paris';
/** How far ahead one may book. */
export const MAX_DAYS_AHEAD = 365;

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The local date (`YYYY-MM-DD`) and minute of the day at an instant. */
export function localNow(now: Date = new Date()): { day: string; minute: number } {
  const parts = Object.fromEntries(localParts.formatToParts(now).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day `months` later (the 31st becomes the last day of a shorter month). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** The Monday of the week of `day`. */
export function mondayOf(day: string): string {
  const index = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, index === 0 ? -6 : 1 - index);
}

export const clockOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** `HH:MM` → minutes from midnight, or null. */
export function minuteOf(clock: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return minute <= 1440 ? minute : null;
}

/** The instant of a local date and minute (for calendars), by finding Paris's offset on that day. */
export function instantOf(day: string, minute: number): Date {
  const guess = new Date(`${day}T00:00:00Z`).getTime() + minute * 60_000;
  // Paris is UTC+1 or UTC+2: try both and keep the one whose local reading matches.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(guess - offsetHours * 3_600_000);
    const local = localNow(candidate);
    if (local.day === day && local.minute === minute % 1440) return candidate;
  }
  return new Date(guess - 3_600_000);
}
