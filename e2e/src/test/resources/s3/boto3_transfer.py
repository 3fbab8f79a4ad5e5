"""boto3's managed transfer of one large file up to berth's S3 and back, checked by SHA-256.

usage: boto3_transfer.py ENDPOINT BUCKET WORKDIR SIZE_MIB
The file is sparse except for a distinct 1 MiB block at the start of every 64 MiB, so a part put at
the wrong offset changes the digest. Prints one JSON line: parts, etag, sha256 up and down.
"""
import hashlib
import json
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig

endpoint, bucket, work, size_mib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
MIB = 1024 * 1024
source = os.path.join(work, "big.bin")
with open(source, "wb") as f:
    f.truncate(size_mib * MIB)
    for block in range(0, size_mib, 64):
        f.seek(block * MIB)
        f.write(hashlib.sha256(str(block).encode()).digest() * (MIB // 32))


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(8 * MIB):
            digest.update(chunk)
    return digest.hexdigest()


s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
config = TransferConfig(multipart_threshold=64 * MIB, multipart_chunksize=64 * MIB, max_concurrency=4)
s3.create_bucket(Bucket=bucket)
s3.upload_file(source, bucket, "big.bin", Config=config)
head = s3.head_object(Bucket=bucket, Key="big.bin")
back = os.path.join(work, "back.bin")
s3.download_file(bucket, "big.bin", back, Config=config)
print(json.dumps({"etag": head["ETag"], "length": head["ContentLength"],
                  "up": sha256(source), "down": sha256(back), "downLength": os.path.getsize(back)}))
