/* assets_stub.c: an empty asset table, so the fuzz targets link without
 * the assets.c that Meson generates. No target reads an asset. */
#include <stddef.h>

#include "base/asset.h"

const struct asset asset_table[] = { { .name = NULL } };
const size_t asset_count = 0;

const struct asset *asset_find(const char *name)
{
	(void)name;
	return NULL;
}
