// Prints the UTC start of every VEVENT as Mozilla's ical.js (web calendars) reads it.
// Usage: node icaljs_times.cjs <path to node_modules/ical.js> < calendar.ics
const ICAL = require(require("path").join(process.argv[2], "dist", "ical.es5.cjs"));
const text = require("fs").readFileSync(0, "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
// What a web calendar does: use the time zones the file itself defines.
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  console.log(event.startDate.toJSDate().toISOString());
}
