// Exits 0 when two files hold the same JSON value (members in any order, numbers, strings and
// booleans compared strictly), else prints where they differ and exits 1:
// node same_json.mjs EXPECTED ACTUAL
import fs from 'fs'
import { isDeepStrictEqual } from 'util'

const [expected, actual] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')))

function firstDifference (a, b, at) {
  if (isDeepStrictEqual(a, b)) return null
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${at}/${key}`)
      if (found) return found
    }
  }
  return `${at || '(root)'}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`
}

const difference = firstDifference(expected, actual, '')
if (difference) {
  console.error(difference)
  process.exit(1)
}
