// Plants deviations in an NDJSON capture, as a sender's change would: node plant_deviations.mjs
// IN OUT. A new enum value (interview.updated /data/object/event/type "video", 2 times), a null
// (candidate.tag.added /data/object/email, 3), another id prefix (candidate.tag.added
// /data/object/id "cand_", 1), an unknown member (application.stage.updated
// /data/object/salary_band, 2) and a date-time with 3 fractional digits (job.updated /timestamp, 1).
import fs from 'fs'

const [input, output] = process.argv.slice(2)
const seen = {}
const count = (key) => (seen[key] = (seen[key] || 0) + 1)
const lines = fs.readFileSync(input, 'utf8').split('\n').filter((line) => line !== '')
const planted = lines.map((line) => {
  const event = JSON.parse(line)
  const object = event.data.object
  if (event.type === 'interview.updated' && count('enum') <= 2) object.event.type = 'video'
  if (event.type === 'candidate.tag.added') {
    const n = count('candidate')
    if (n <= 3) object.email = null
    if (n === 4) object.id = 'cand_' + object.id.slice(4)
  }
  if (event.type === 'application.stage.updated' && count('member') <= 2) object.salary_band = 'b3'
  if (event.type === 'job.updated' && count('fraction') <= 1)
    event.timestamp = event.timestamp.slice(0, 23) + 'Z'
  return JSON.stringify(event)
})
fs.writeFileSync(output, planted.join('\n') + '\n')
