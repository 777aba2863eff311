// The check fails the build with file:line:column, and nothing is deployed.
def log = new File(basedir, 'build.log').text
assert log.contains('zdd:check found 3 problem(s)')
assert log.contains("index.html:3:10: error: 'missing-page.html' names missing-page.html, which is not in the release")
assert log.contains('index.html:4:11: error:')
assert log.contains("index.html:5:10: error: 'about.html#nowhere': about.html has no element with id or name 'nowhere'")
def json = new File(basedir, 'target/zdd/check.json').text
assert json.contains('"kind" : "broken-link"') && json.contains('"kind" : "missing-asset"')
assert json.contains('"kind" : "broken-fragment"')
assert !new File(basedir, 'target/www').exists() : 'nothing was deployed'
return true
