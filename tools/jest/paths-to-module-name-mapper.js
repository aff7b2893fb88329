/** Turns tsconfig `paths` (exact aliases only) into Jest's moduleNameMapper. */
function pathsToModuleNameMapper(paths, rootDir) {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(paths)) {
    mapper[`^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`] = `${rootDir}/${target}`;
  }
  return mapper;
}
module.exports = { pathsToModuleNameMapper };
