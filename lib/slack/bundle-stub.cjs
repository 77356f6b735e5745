// Stands in for Bolt's unused receivers' dependencies in the Lambda bundle (see bundle.ts).
module.exports = {};
