import boto3


def upload(path, bucket):
    s3 = boto3.client(
        "s3",
        aws_access_key_id="AKIAZ7QW3EXAMPLE4KEY",
        aws_secret_access_key="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",
    )
    s3.upload_file(path, bucket, path)
